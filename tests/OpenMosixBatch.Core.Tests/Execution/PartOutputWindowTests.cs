using CsCheck;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class PartOutputWindowTests
{
    private const int Chunk = 256 * 1024;

    [Fact]
    public void Allowance_NothingRead_IsTheWindowInChunks_ThenNothing()
    {
        Assert.Equal(Chunk, PartOutputWindow.Allowance(0, 0, Chunk));
        Assert.Equal(Chunk, PartOutputWindow.Allowance(PartOutputWindow.Bytes - Chunk, 0, Chunk));
        Assert.Equal(10, PartOutputWindow.Allowance(PartOutputWindow.Bytes - 10, 0, Chunk));
        Assert.Equal(0, PartOutputWindow.Allowance(PartOutputWindow.Bytes, 0, Chunk));
    }

    [Fact]
    public void Allowance_AfterTheReaderRead_OpensByWhatItRead()
    {
        Assert.Equal(5, PartOutputWindow.Allowance(PartOutputWindow.Bytes + 100, 105, Chunk));
        Assert.Equal(0, PartOutputWindow.Allowance(PartOutputWindow.Bytes + 100, 100, Chunk));
    }

    [Fact]
    public void CreditDue_OnlyOnceTheReaderMovedAStep()
    {
        Assert.False(PartOutputWindow.CreditDue(0, PartOutputWindow.CreditStep - 1));
        Assert.True(PartOutputWindow.CreditDue(0, PartOutputWindow.CreditStep));
        Assert.False(PartOutputWindow.CreditDue(PartOutputWindow.CreditStep, PartOutputWindow.CreditStep));
    }

    [Fact]
    public void ARelayAndAReader_FollowingTheRules_NeverHoldMoreThanTheWindowUnread_AndAlwaysProgress()
    {
        // A node relaying what the window allows and a reader reading some of what it got, crediting as the server does:
        // what is relayed and unread never exceeds the window, and whenever all was read the node may send again.
        Gen.Int[1, Chunk].Array[1, 200].Sample(reads =>
        {
            long sent = 0, read = 0, credited = 0;
            foreach (var take in reads)
            {
                sent += PartOutputWindow.Allowance(sent, credited, Chunk);
                Assert.InRange(sent - read, 0, PartOutputWindow.Bytes);
                read = Math.Min(sent, read + take);
                if (PartOutputWindow.CreditDue(credited, read))
                {
                    credited = read;
                }

                Assert.True(read < sent || PartOutputWindow.Allowance(sent, credited, Chunk) > 0 || PartOutputWindow.CreditDue(credited, read),
                    $"stuck: sent {sent}, read {read}, credited {credited}");
            }
        });
    }
}
