using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.World;

public sealed class WorldRecordTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-worldrecord-");

    private string File(string name) => Path.Combine(_dir.FullName, name);

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Of_ThisProcess_IsAlive_AndSurvivesAWriteAndARead()
    {
        var record = WorldRecord.Of(Environment.ProcessId, "wabc");

        Assert.NotNull(record);
        record.Write(File("world.json"));
        var read = WorldRecord.Read(File("world.json"));
        Assert.Equal(record, read);
        Assert.Equal(ProcessLiveness.Alive, read!.Liveness());
    }

    [Fact]
    public void Liveness_SamePidOtherStartTime_IsGone_SoAReusedPidIsNotAdopted()
    {
        var record = WorldRecord.Of(Environment.ProcessId, "wabc")!;

        Assert.Equal(ProcessLiveness.Gone, (record with { StartTicks = record.StartTicks + 1 }).Liveness());
    }

    [Fact]
    public void Liveness_NoSuchProcess_IsGone() =>
        Assert.Equal(ProcessLiveness.Gone, new WorldRecord(int.MaxValue, 1, "wabc").Liveness());

    [Fact]
    public void Read_ARecordThatCannotBeRead_Throws_SoTheSupervisorDoesNotTakeItForNoWorld()
    {
        // A directory where the file should be: the read fails for a reason other than "no such file".
        Directory.CreateDirectory(File("world.json"));

        var error = Record.Exception(() => WorldRecord.Read(File("world.json")));

        Assert.True(error is IOException or UnauthorizedAccessException, $"got {error?.GetType().Name ?? "a record or null"}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"Pid\": 0, \"StartTicks\": 5, \"WorldId\": \"w\"}")]
    [InlineData("{\"Pid\": 1234, \"StartTicks\": 5, \"WorldId\": \"\"}")]
    public void Read_MissingDamagedOrIncompleteRecord_IsNull_SoNothingIsAdopted(string content)
    {
        System.IO.File.WriteAllText(File("world.json"), content);

        Assert.Null(WorldRecord.Read(File("world.json")));
        Assert.Null(WorldRecord.Read(File("absent.json")));
    }
}
