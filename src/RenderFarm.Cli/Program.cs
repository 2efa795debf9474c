using System.CommandLine;
using RenderFarm.Cli.Commands;

var root = new RootCommand("RenderFarm: loudness analysis, mixing and mastering for whole catalogues")
{
    AnalyzeCommand.Create(),
    MasterCommand.Create(),
    RestoreCommand.Create(),
    AlbumCommand.Create(),
    MixCommand.Create(),
    SessionCommand.Create(),
    SubmitCommand.Create(),
    StatusCommand.Create(),
    WatchCommand.Create(),
    LoginCommand.Create(),
};
return root.Parse(args).Invoke();
