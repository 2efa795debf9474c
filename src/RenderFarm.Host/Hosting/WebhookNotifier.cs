using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Grains;
using RenderFarm.Grains.Catalogs;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Posts a catalogue's final snapshot (JSON) to its webhook, off the grain's turn: up to 5 tries with
/// growing pauses; a webhook that never answers is logged, and the catalogue is not held up by it.
/// </summary>
public sealed partial class WebhookNotifier(IHttpClientFactory clients, TimeProvider time, ILogger<WebhookNotifier> logger) : ICatalogNotifier
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Ended(string webhook, CatalogSnapshot catalog) => _ = Send(webhook, catalog);

    private async Task Send(string webhook, CatalogSnapshot catalog)
    {
        var client = clients.CreateClient(nameof(WebhookNotifier));
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync(new Uri(webhook), catalog, Json);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(logger, webhook, catalog.CatalogId, (int)response.StatusCode, attempt);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LogUnreachable(logger, webhook, catalog.CatalogId, e.Message, attempt);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), time);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Webhook} for catalogue {CatalogId} answered {Status} (try {Attempt})")]
    private static partial void LogRefused(ILogger logger, string webhook, string catalogId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Webhook} for catalogue {CatalogId} unreachable: {Reason} (try {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, string webhook, string catalogId, string reason, int attempt);
}
