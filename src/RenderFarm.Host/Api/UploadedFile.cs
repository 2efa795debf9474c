namespace RenderFarm.Host.Api;

/// <summary>An uploaded file: its path in the media root, the name it was sent under, its size and SHA-256.</summary>
public sealed record UploadedFile(string Path, string SentAs, long Bytes, string Sha256);
