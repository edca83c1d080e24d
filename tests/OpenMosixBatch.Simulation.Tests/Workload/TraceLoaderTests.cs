using OpenMosixBatch.Simulation.Swf;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation.Tests.Workload;

/// <summary>Every rule of <see cref="TraceLoader"/> about a -1 (unknown) or odd field, under both rule sets.</summary>
public sealed class TraceLoaderTests
{
    private static SwfRecord Line(long number = 1, long submit = 10, long run = 100, long allocated = 4, long requested = 4, long requestedTime = 200,
        long memoryKb = 1024, long status = 1) => new(1, number, submit, -1, run, allocated, requested, requestedTime, memoryKb, status);

    private static LoadedTrace Load(LoadingRules rules, params SwfRecord[] lines) =>
        TraceLoader.Load(new SwfTrace("t.swf", new SwfHeader(null, null), lines), rules);

    [Fact]
    public void Standard_KnownFields_AreKept()
    {
        var job = Assert.Single(Load(LoadingRules.Standard, Line()).Jobs);

        Assert.Equal(new TraceJob(1, 10, 100, 4, 200, 1024), job);
    }

    [Fact]
    public void Standard_SubmitTimeUnknown_SkipsTheLine() =>
        Assert.Equal(1, Load(LoadingRules.Standard, Line(submit: -1)).Skipped);

    [Fact]
    public void Standard_RunTimeUnknown_SkipsTheLine() =>
        Assert.Empty(Load(LoadingRules.Standard, Line(run: -1)).Jobs);

    [Fact]
    public void Standard_RunTimeZero_IsKept() =>
        Assert.Equal(0, Assert.Single(Load(LoadingRules.Standard, Line(run: 0)).Jobs).Run);

    [Theory]
    [InlineData(-1, 8, 8)]
    [InlineData(0, 8, 8)]
    [InlineData(4, 8, 4)]
    [InlineData(4, -1, 4)]
    public void Standard_Processors_AreTheAllocatedElseTheRequested(long allocated, long requested, int expected) =>
        Assert.Equal(expected, Assert.Single(Load(LoadingRules.Standard, Line(allocated: allocated, requested: requested)).Jobs).Processors);

    [Fact]
    public void Standard_ProcessorsUnknown_SkipsTheLine() =>
        Assert.Equal(1, Load(LoadingRules.Standard, Line(allocated: -1, requested: -1)).Skipped);

    [Fact]
    public void Standard_RequestedTimeUnknown_MeansNoWalltime() =>
        Assert.Null(Assert.Single(Load(LoadingRules.Standard, Line(requestedTime: -1)).Jobs).RequestedTime);

    [Fact]
    public void Standard_RequestedMemoryUnknown_MeansNone() =>
        Assert.Equal(0, Assert.Single(Load(LoadingRules.Standard, Line(memoryKb: -1)).Jobs).MemoryKbPerProcessor);

    [Fact]
    public void Standard_CancelledJobThatRan_IsKept() =>
        Assert.Single(Load(LoadingRules.Standard, Line(status: 5)).Jobs);

    [Fact]
    public void Standard_Order_IsBySubmitTimeThenFileOrder()
    {
        var jobs = Load(LoadingRules.Standard, Line(number: 1, submit: 20), Line(number: 2, submit: 10), Line(number: 3, submit: 10)).Jobs;

        Assert.Equal([2L, 3L, 1L], jobs.Select(j => j.Number));
    }

    [Fact]
    public void RlScheduler_RunTimeZero_IsDropped() =>
        Assert.Empty(Load(LoadingRules.RlScheduler, Line(run: 0)).Jobs);

    [Fact]
    public void RlScheduler_RunTimeUnknown_BecomesTenSeconds() =>
        Assert.Equal(10, Assert.Single(Load(LoadingRules.RlScheduler, Line(run: -1)).Jobs).Run);

    [Theory]
    [InlineData(4, 8, 8)]
    [InlineData(16, -1, 16)]
    [InlineData(-1, 2, 2)]
    public void RlScheduler_Processors_AreTheLargerOfAllocatedAndRequested(long allocated, long requested, int expected) =>
        Assert.Equal(expected, Assert.Single(Load(LoadingRules.RlScheduler, Line(allocated: allocated, requested: requested)).Jobs).Processors);

    [Fact]
    public void RlScheduler_RequestedTimeUnknown_BecomesTheRunTime() =>
        Assert.Equal(100, Assert.Single(Load(LoadingRules.RlScheduler, Line(requestedTime: -1)).Jobs).RequestedTime);

    [Fact]
    public void RlScheduler_Memory_IsIgnoredAndOrderIsByJobNumber()
    {
        var jobs = Load(LoadingRules.RlScheduler, Line(number: 2, submit: 5), Line(number: 1, submit: 10)).Jobs;

        Assert.Equal([1L, 2L], jobs.Select(j => j.Number));
        Assert.All(jobs, j => Assert.Equal(0, j.MemoryKbPerProcessor));
    }
}
