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
        Assert.True(read!.IsAlive());
    }

    [Fact]
    public void IsAlive_SamePidOtherStartTime_IsFalse_SoAReusedPidIsNotAdopted()
    {
        var record = WorldRecord.Of(Environment.ProcessId, "wabc")!;

        Assert.False((record with { StartTicks = record.StartTicks + 1 }).IsAlive());
    }

    [Fact]
    public void IsAlive_NoSuchProcess_IsFalse() =>
        Assert.False(new WorldRecord(int.MaxValue, 1, "wabc").IsAlive());

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
