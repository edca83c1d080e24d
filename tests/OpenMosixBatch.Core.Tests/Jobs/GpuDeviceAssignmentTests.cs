using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class GpuDeviceAssignmentTests
{
    private static int Two(string node) => 2;

    [Fact]
    public void Assign_TakesTheLowestFreeDevicesAndMarksThemInUse()
    {
        var inUse = new HashSet<GpuDevice> { new("a", 0) };

        var given = GpuDeviceAssignment.Assign(new ResourceRequest() { GpusPerChunk = 1 }, ["a"], Two, inUse);

        Assert.Equal([new GpuDevice("a", 1)], given);
        Assert.Contains(new GpuDevice("a", 1), inUse);
    }

    [Fact]
    public void Assign_TwoTasksInARow_NeverShareADevice()
    {
        var inUse = new HashSet<GpuDevice>();
        var request = new ResourceRequest() { GpusPerChunk = 1 };

        var first = GpuDeviceAssignment.Assign(request, ["a"], Two, inUse)!;
        var second = GpuDeviceAssignment.Assign(request, ["a"], Two, inUse)!;

        Assert.Empty(first.Intersect(second));
        Assert.Null(GpuDeviceAssignment.Assign(request, ["a"], Two, inUse));
    }

    [Fact]
    public void Assign_TwoChunksOnOneNode_GetDifferentDevices() =>
        Assert.Equal([new GpuDevice("a", 0), new GpuDevice("a", 1)],
            GpuDeviceAssignment.Assign(new ResourceRequest(Chunks: 2) { GpusPerChunk = 1 }, ["a", "a"], Two, []));

    [Fact]
    public void Assign_TooFewFree_GivesNothingAndKeepsInUse()
    {
        var inUse = new HashSet<GpuDevice> { new("b", 1) };

        Assert.Null(GpuDeviceAssignment.Assign(new ResourceRequest(Chunks: 2) { GpusPerChunk = 1 }, ["a", "b"], n => n == "a" ? 1 : 2, [.. inUse, new("b", 0)]));
        Assert.Single(inUse);
    }

    [Fact]
    public void InUse_CountsOnlyActiveTasks()
    {
        var job = TestJobs.Submit(1) with
        {
            Tasks = [new JobTask(0, JobState.Running) { GpuDevices = [new("a", 0)] }, new JobTask(1, JobState.Completed) { GpuDevices = [new("a", 1)] }],
        };

        Assert.Equal([new GpuDevice("a", 0)], GpuDeviceAssignment.InUse([job]));
    }

    [Fact]
    public void VisibleDevices_NamesTheIndicesOnTheNode() =>
        Assert.Equal("1,3", GpuDeviceAssignment.VisibleDevices([new("a", 1), new("b", 0), new("a", 3)], "a"));
}
