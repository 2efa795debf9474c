namespace RenderFarm.Grains;

/// <summary>A <see cref="TitleStage"/> as people and the HTTP API name it.</summary>
public static class TitleStageExtensions
{
    /// <summary>The stage's name in lower case (<c>tracks</c>, <c>mixdown</c>, ...), as in the API's JSON and the catalogue's CSV.</summary>
    public static string Name(this TitleStage stage) => stage switch
    {
        TitleStage.Waiting => "waiting",
        TitleStage.Tracks => "tracks",
        TitleStage.Mixdown => "mixdown",
        TitleStage.Restore => "restore",
        TitleStage.Master => "master",
        TitleStage.Deliverables => "deliverables",
        TitleStage.Done => "done",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
