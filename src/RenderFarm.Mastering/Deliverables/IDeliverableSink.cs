using RenderFarm.Dsp;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>Takes the finished master block by block and makes one deliverable of it.</summary>
internal interface IDeliverableSink : IDisposable
{
    void Write(AudioBlock master);

    /// <summary>Finishes the file (it appears under its name only now) and returns what it is.</summary>
    DeliverableFile Complete();
}
