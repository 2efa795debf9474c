// Which loop this project's tests belong to (a host process and Chromium driven by Playwright).
// `dotnet test --solution RenderFarm.sln -c Release -- --filter-trait "Category=Fast" --ignore-exit-code 8` runs the fast ones (see CONTRIBUTING.md).
[assembly: Xunit.Trait("Category", "EndToEnd")]
