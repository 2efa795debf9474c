using RenderFarm.Contracts;

// The records the grains share with the workers (tags, references, reports) are declared in RenderFarm.Contracts,
// which carries only Orleans' attributes: their serializers are generated here. (Orleans' generator sets the
// members of a type of another assembly through public setters only, so those records have `set`, not `init`.)
[assembly: GenerateCodeForDeclaringAssembly(typeof(TitleMetadata))]
