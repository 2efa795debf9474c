using RenderFarm.Host.Api;
using RenderFarm.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRenderFarm();
var app = builder.Build();
app.MapRenderFarmApi();
app.Run();
