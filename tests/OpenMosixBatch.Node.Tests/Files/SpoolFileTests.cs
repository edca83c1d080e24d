using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Tests.Files;

public sealed class SpoolFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-spoolfile-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Write_NewFile_HoldsExactlyTheTextInUtf8WithoutAMark()
    {
        var path = Path.Combine(_dir.FullName, "order");

        SpoolFile.Write(path, "{\"job\":\"é\"}");

        Assert.Equal("{\"job\":\"é\"}"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_FileLeftByAnEarlierRank_ReplacesItWhole()
    {
        var path = Path.Combine(_dir.FullName, "session");
        File.WriteAllText(path, "a much longer record that an earlier rank left");

        SpoolFile.Write(path, "12 34");

        Assert.Equal("12 34", File.ReadAllText(path));
    }

    [Fact]
    public void WriteLines_EndsEveryLineAsWriteAllLinesDoes()
    {
        var ours = Path.Combine(_dir.FullName, "nodefile");
        var theirs = Path.Combine(_dir.FullName, "expected");
        string[] lines = ["node1", "node1", "node2"];

        SpoolFile.WriteLines(ours, lines);
        File.WriteAllLines(theirs, lines);

        Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
    }
}
