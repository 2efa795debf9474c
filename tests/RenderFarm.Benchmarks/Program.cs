using BenchmarkDotNet.Running;
using RenderFarm.Benchmarks;

// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- loudness [FILE]   side by side with libebur128 and ffmpeg
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- memory [HOURS]    peak memory of `renderfarm analyze` and `master` on a long file
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- mastering [FILE] side by side with ffmpeg two-pass loudnorm
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- mix [TRACKS] [SECONDS] side by side with an ffmpeg filter graph
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- farm [JOBS] [SECONDS]   mastering jobs through 1-3 silos vs one process
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- describe [FILES]  a back catalogue's sources described from their headers vs ffprobe
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- restoration [MATERIAL...]  each repair beside ffmpeg's nearest filter
// dotnet run -c Release --project tests/RenderFarm.Benchmarks -- micro [BDN args]  BenchmarkDotNet on the hot paths
return args.FirstOrDefault() switch
{
    "loudness" => LoudnessComparison.Run(args.Skip(1).ToArray()),
    "memory" => MemoryCheck.Run(args.Skip(1).ToArray()),
    "mastering" => MasteringComparison.Run(args.Skip(1).ToArray()),
    "mix" => MixComparison.Run(args.Skip(1).ToArray()),
    "farm" => FarmComparison.Run(args.Skip(1).ToArray()).GetAwaiter().GetResult(),
    "describe" => DescribeComparison.Run(args.Skip(1).ToArray()),
    "restoration" => RestorationComparison.Run(args.Skip(1).ToArray()),
    "micro" => RunMicro(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LoudnessComparison).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: RenderFarm.Benchmarks loudness [FILE] | mastering [FILE] | mix [TRACKS] [SECONDS] | farm [JOBS] [SECONDS] | describe [FILES] | restoration [MATERIAL...] | memory [HOURS] | micro [BenchmarkDotNet arguments]");
    return 2;
}
