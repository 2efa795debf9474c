namespace RenderFarm.Mastering.Catalogues;

/// <summary>What a <see cref="NamingTemplate"/> fills in for one source.</summary>
public sealed record NamingValues(string Artist, string Album, string Title, int Track, int? Year, string Name, string Folder);
