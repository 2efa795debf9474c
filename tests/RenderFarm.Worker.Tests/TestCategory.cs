// Which loop this project's tests belong to (real recorded material through the DSP, ffmpeg and libebur128: a few minutes).
// `dotnet test --solution RenderFarm.sln -c Release -- --filter-trait "Category=Fast" --ignore-exit-code 8` runs the fast ones (see CONTRIBUTING.md).
[assembly: Xunit.Trait("Category", "Material")]
