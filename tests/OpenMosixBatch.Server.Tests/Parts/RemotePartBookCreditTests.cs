using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.Parts;

namespace OpenMosixBatch.Server.Tests.Parts;

/// <summary>The server tells a part's node how far its reader read (which opens the node's window) only from what the reader asks.</summary>
public sealed class RemotePartBookCreditTests
{
    private const int Step = PartOutputWindow.CreditStep;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private static TaskEvent Output(long part, int stdout, int stderr = 0) =>
        new(TaskEventKind.PartOutput, 7, 0, "node2", DateTimeOffset.UnixEpoch) { PartId = part, Stdout = new byte[stdout], Stderr = new byte[stderr] };

    [Fact]
    public void Credit_IsDueOnceTheReaderMovedAStep_ToTheNodeOfThePart_AndOnlyOnce()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Output(id, PartOutputWindow.Bytes));

        Assert.Null(book.Credit(id, 1000, Step - 1, 0));
        var order = book.Credit(id, 1000, Step, 0);

        Assert.NotNull(order);
        Assert.Equal(WorldOrderKind.PartInput, order.Kind);
        Assert.Equal("node2", order.Node);
        Assert.Equal((7L, 0), (order.JobId, order.TaskIndex));
        Assert.Equal((id, (long?)Step, (long?)0), (order.Input!.PartId, order.Input.StdoutRead, order.Input.StderrRead));
        Assert.Null(order.Input.Data);
        Assert.Null(book.Credit(id, 1000, Step, 0));
    }

    [Fact]
    public void Credit_NeverBelievesAReaderPastWhatCame()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Output(id, Step + 10));

        var order = book.Credit(id, 1000, long.MaxValue / 2, 0);

        Assert.Equal(Step + 10, order!.Input!.StdoutRead);
    }

    [Fact]
    public void Credit_OfStderr_CountsOnlyTheNodesBytes()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Output(id, 0, Step));

        Assert.Equal(Step, book.Credit(id, 1000, 0, Step)!.Input!.StderrRead);
    }

    [Fact]
    public void Credit_IsNoneForAnotherUser_AnEndedPart_OrATerminal()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Output(id, PartOutputWindow.Bytes));
        var terminal = book.OpenTerminal(8, 1000)!.Value;

        Assert.Null(book.Credit(id, 1001, Step, 0));
        Assert.Null(book.Credit(terminal, 1000, Step, 0));
        Assert.Null(book.Credit(404, 1000, Step, 0));
        book.Observe(new TaskEvent(TaskEventKind.PartEnded, 7, 0, "node2", DateTimeOffset.UnixEpoch, ExitStatus: 0) { PartId = id });
        Assert.Null(book.Credit(id, 1000, Step, 0));
    }
}
