using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Grains;
using RenderFarm.Grains.Catalogs;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Posts a catalogue's final snapshot (JSON) to its webhook, with an <c>Idempotency-Key</c> header that is the
/// same for every call about the same end (the catalogue calls again, from its persisted outbox, until one
/// call is answered with a success status).
/// </summary>
public sealed class WebhookNotifier(IHttpClientFactory clients) : ICatalogNotifier
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task Deliver(string webhook, CatalogSnapshot catalog, string idempotencyKey, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(nameof(WebhookNotifier));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webhook)) { Content = JsonContent.Create(catalog, options: Json) };
        request.Headers.Add(IdempotencyHeader, idempotencyKey);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"webhook {webhook} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
