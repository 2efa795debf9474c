// Which loop this project's tests belong to (host processes on a real Redis and RabbitMQ (infra/services.sh), faults and chaos: the longest).
// `dotnet test --solution RenderFarm.sln -c Release -- --filter-trait "Category=Fast" --ignore-exit-code 8` runs the fast ones (see CONTRIBUTING.md).
[assembly: Xunit.Trait("Category", "Cluster")]
