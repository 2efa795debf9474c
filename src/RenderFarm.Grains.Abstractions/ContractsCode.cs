using RenderFarm.Contracts;

// The records the grains share with the workers (tags, references, reports) are declared in RenderFarm.Contracts,
// which carries only Orleans' attributes: their serializers are generated here. (Orleans' generator sets the
// members of a type of another assembly through public setters only, and System.Text.Json's generator sets an
// init-only member that a document leaves out to null rather than to its initializer: the records have `set`.)
[assembly: GenerateCodeForDeclaringAssembly(typeof(TitleMetadata))]
