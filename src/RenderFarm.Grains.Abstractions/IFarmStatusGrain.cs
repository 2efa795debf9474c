namespace RenderFarm.Grains;

/// <summary>
/// What the farm is doing now (one grain, key 0): every silo reports its workers every few seconds; the
/// farm page reads the silos (from cluster membership), their workers, the render queue, throughput and
/// recent failures. Nothing is stored: after a restart the picture is whole again within one report.
/// </summary>
public interface IFarmStatusGrain : IGrainWithIntegerKey
{
    Task Report(WorkerReport report);

    Task<FarmStatus> GetStatus();
}
