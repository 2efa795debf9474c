using RenderFarm.Host.Api;
using RenderFarm.Host.Hosting;

// The content root is the application's folder, not the working directory: a host started in a media
// folder would otherwise watch every file written below it for configuration changes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRenderFarm();
var app = builder.Build();
app.MapRenderFarmApi();
app.Run();
