using RenderFarm.Mastering.Catalogues;

namespace RenderFarm.Mastering.Tests.Catalogues;

/// <summary>
/// Naming templates: every field filled, tag values made safe as one path segment (no separators, no
/// climbing out, no leading dot), the tree kept by {folder}, {format} left for each deliverable; templates
/// that climb out, are absolute, name an unknown field or give every title one name are refused.
/// </summary>
public sealed class NamingTemplateTests
{
    private static readonly NamingValues Values = new("AC/DC", "../Live: 1977?", "Whole Lotta", 3, 1977, ".hidden", "Rock/AC_DC");

    [Fact]
    public void Fields_AreFilled_AndValuesCannotLeaveTheirSegment()
    {
        Assert.Equal("{format}/AC_DC/_Live_ 1977_/03 Whole Lotta (1977)", NamingTemplate.Parse("{format}/{artist}/{album}/{track:00} {title} ({year})").Apply(Values));
        Assert.Equal("Rock/AC_DC/hidden", NamingTemplate.Parse(NamingTemplate.KeepTree).Apply(Values));
        Assert.Equal("3-hidden", NamingTemplate.Parse("{track}-{name}").Apply(Values));
        Assert.Equal("x/unknown", NamingTemplate.Parse("x/{year}").Apply(Values with { Year = null }));
        Assert.Equal("_", NamingTemplate.Safe(".."));
        Assert.Equal("a_b_c", NamingTemplate.Safe("a/b\\c"));
    }

    [Theory]
    [InlineData("../{title}")]
    [InlineData("/srv/{title}")]
    [InlineData("{artist}//{title}")]
    [InlineData("{artist}/{genre}")]
    [InlineData("{artist}/fixed")]
    [InlineData("{artist}/{title")]
    [InlineData("a\\{title}")]
    [InlineData("")]
    public void BadTemplates_AreRefused_NamingTheField(string template)
    {
        var e = Assert.Throws<ProfileException>(() => NamingTemplate.Parse(template, "naming"));
        Assert.StartsWith("naming", e.Message, StringComparison.Ordinal);
    }
}
