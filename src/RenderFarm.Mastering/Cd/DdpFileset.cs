namespace RenderFarm.Mastering.Cd;

/// <summary>A DDP fileset read back: the disc it describes, its image file and length in sectors, and its master ID.</summary>
public sealed record DdpFileset(CdDisc Disc, string ImagePath, long Sectors, string? MasterId);
