using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

public sealed class InMemoryScheduleStoreTests : ScheduleStoreContract
{
    protected override IScheduleStore CreateStore() => new InMemoryScheduleStore();

    // The in-memory store has no life beyond its instance: "the next process" sees the same object.
    protected override IScheduleStore Reopen(IScheduleStore store) => store;
}
