namespace RenderFarm.Cli.Commands;

/// <summary>The farm could not answer for now (a 503, or no answer within the client's timeout); worth asking again after <see cref="RetryAfter"/>.</summary>
internal sealed class FarmUnavailableException : FarmClientException
{
    public FarmUnavailableException()
    {
    }

    public FarmUnavailableException(string message)
        : base(message)
    {
    }

    public FarmUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
