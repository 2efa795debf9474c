// Which loop this project's tests belong to (in-process, no real audio files or services: the minute-long loop).
// `dotnet test --solution RenderFarm.sln -c Release -- --filter-trait "Category=Fast" --ignore-exit-code 8` runs the fast ones (see CONTRIBUTING.md).
[assembly: Xunit.Trait("Category", "Fast")]
