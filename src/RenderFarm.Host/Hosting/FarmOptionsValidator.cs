using System.Globalization;
using Microsoft.Extensions.Options;
using RenderFarm.Host.Security;
using RenderFarm.Worker;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Checks the <c>Farm:</c> settings as a person set them, every one at once, each failure naming its key, the value
/// given and what would be accepted. Run when the host is built (before anything is created from them) and again
/// on start.
/// </summary>
public sealed class FarmOptionsValidator : IValidateOptions<FarmOptions>
{
    public ValidateOptionsResult Validate(string? name, FarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Range(string key, double value, double low, double high, bool lowOpen = false)
        {
            if (double.IsNaN(value) || (lowOpen ? value <= low : value < low) || value > high)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Farm:{key} is {value}: accepted {(lowOpen ? "more than" : "from")} {low} to {high}"));
            }
        }

        Range(nameof(options.Workers), options.Workers, 1, 1024);
        Range(nameof(options.HeartbeatTimeoutSeconds), options.HeartbeatTimeoutSeconds, 1, 86_400);
        Range(nameof(options.QueueTimeoutSeconds), options.QueueTimeoutSeconds, 1, 86_400);
        Range(nameof(options.RunTimeoutHours), options.RunTimeoutHours, 0, 720, lowOpen: true);
        Range(nameof(options.MaxUploadMegabytes), options.MaxUploadMegabytes, 1, 1_048_576);
        Range(nameof(options.ShutdownGraceSeconds), options.ShutdownGraceSeconds, 0, 86_400);
        Range(nameof(options.GrainCallTimeoutSeconds), options.GrainCallTimeoutSeconds, 1, 600);
        Range(nameof(options.SignInHours), options.SignInHours, 0, 8_760, lowOpen: true);
        Range(nameof(options.SignInsPerMinute), options.SignInsPerMinute, 1, 100_000);
        Range(nameof(options.HangPercent), options.HangPercent, 0, 100);
        Range(nameof(options.HangSeconds), options.HangSeconds, 0, 86_400);
        Range(nameof(options.SiloPort), options.SiloPort, 1, 65_535);
        Range(nameof(options.GatewayPort), options.GatewayPort, 0, 65_535);
        Folder(failures, nameof(options.MediaRoot), options.MediaRoot);
        Folder(failures, nameof(options.DataDirectory), options.DataDirectory);
        if (failures.Count == 0 && new MediaPaths(options.MediaRoot).Holds(options.DataDirectory))
        {
            failures.Add($"Farm:DataDirectory is '{options.DataDirectory}', inside Farm:MediaRoot '{options.MediaRoot}': accepted a folder outside it (the media root is served for downloads)");
        }

        if (options.AdminPassword is { } password && Secrets.PasswordProblem(password) is { } problem)
        {
            failures.Add($"Farm:AdminPassword {problem}: accepted {Secrets.MinPasswordLength} to {Secrets.MaxPasswordLength} characters");
        }

        if ((options.Redis is null) != (options.RabbitMq is null))
        {
            failures.Add($"Farm:{(options.Redis is null ? "RabbitMq" : "Redis")} is set without Farm:{(options.Redis is null ? "Redis" : "RabbitMq")}: set both for a cluster, neither for the embedded default");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with every failure when <paramref name="options"/> does not hold.</summary>
    public static FarmOptions Checked(FarmOptions options)
    {
        var result = new FarmOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(FarmOptions.Section, typeof(FarmOptions), result.Failures) : options;
    }

    // A folder that exists or can be made: an absolute or relative path, not a file.
    private static void Folder(List<string> failures, string key, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"Farm:{key} is empty: accepted a folder (it is made when missing)");
        }
        else if (File.Exists(path))
        {
            failures.Add($"Farm:{key} is '{path}', a file: accepted a folder (it is made when missing)");
        }
        else if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Farm:{key} is '{path}': accepted a folder's path (it has characters no path may hold)");
        }
    }
}
