using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

public sealed class InMemoryJobStoreTests : AccountingStoreContract
{
    protected override IJobStore CreateStore() => new InMemoryJobStore();

    // The in-memory store has no life beyond its instance: "the next process" sees the same object.
    protected override IJobStore Reopen(IJobStore store) => store;
}
