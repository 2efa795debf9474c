namespace RenderFarm.Dashboard.Data;

/// <summary>An album's match to a reference recording: by how much, its loudness, the album's tonal distance to it before and after, how many filters made the one correction.</summary>
public sealed record AlbumReferenceItem(string Path, double AmountPercent, double? ReferenceLufs, double? DistanceBeforeDb, double? DistanceAfterDb, int Filters);
