using System.Text;

namespace RenderFarm.Mastering.Metadata;

/// <summary>
/// ASCII text where a format holds no other (bext, the disc image's file name): Latin letters lose their accents
/// (é to e, ß to ss, Þ to Th), anything else without an ASCII form becomes '?'. The LIST/INFO and ID3 chunks keep
/// the full UTF-8 text.
/// </summary>
public static class AsciiText
{
    public static string Fold(string s)
    {
        const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžĆćČčĐđŁłŃńŚśŹźŻżĘęĄą";
        const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcDdLlNnSsZzZzEeAa";
        var text = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            var i = Accented.IndexOf(c, StringComparison.Ordinal);
            text.Append(c switch
            {
                >= ' ' and <= '~' => c.ToString(),
                'ß' => "ss",
                'Æ' => "AE",
                'æ' => "ae",
                'Œ' => "OE",
                'œ' => "oe",
                'Ð' => "D",
                'ð' => "d",
                'Þ' => "Th",
                'þ' => "th",
                _ => i >= 0 ? Plain[i].ToString() : "?",
            });
        }

        return text.ToString();
    }
}
