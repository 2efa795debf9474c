namespace RenderFarm.Worker;

/// <summary>A claim granted (with its token and how long the lease lasts unrenewed) or refused (with why).</summary>
public sealed record ClaimAnswer(bool Granted, long Token, TimeSpan LeaseTimeout, string? Refusal);
