using System.IO.Compression;
using System.Text;
using OpenMosixBatch.Simulation.Swf;

namespace OpenMosixBatch.Simulation.Tests.Swf;

public sealed class SwfReaderTests
{
    private const string Header = "; Version: 2\n; MaxNodes: 64\n; MaxProcs: 128\n";
    private const string Line1 = "1 10 -1 100 4 -1 -1 8 200 1024 1 -1 -1 -1 -1 -1 -1 -1";

    private static SwfTrace Parse(string text) => SwfReader.Parse(new StringReader(text), "t.swf");

    [Fact]
    public void Parse_HeaderAndLine_ReadsTheMachineAndTheUsedFields()
    {
        var trace = Parse(Header + Line1 + "\n");

        Assert.Equal(new SwfHeader(64, 128), trace.Header);
        var r = Assert.Single(trace.Records);
        Assert.Equal(new SwfRecord(4, 1, 10, -1, 100, 4, 8, 200, 1024, 1), r);
    }

    [Fact]
    public void Parse_BlankLinesAndTabs_AreAccepted()
    {
        var trace = Parse("\n" + Line1.Replace(' ', '\t') + "\n\n");

        Assert.Equal(2, Assert.Single(trace.Records).Line);
        Assert.Equal(new SwfHeader(null, null), trace.Header);
    }

    [Fact]
    public void Parse_DecimalInAnUnusedField_IsAccepted()
    {
        var trace = Parse("1 10 -1 100 4 93.5 -1 8 200 1024 1 -1 -1 -1 -1 -1 -1 -1\n");

        Assert.Equal(100, Assert.Single(trace.Records).RunTime);
    }

    [Theory]
    [InlineData("1 10 -1 abc 4 -1 -1 8 200 1024 1 -1 -1 -1 -1 -1 -1 -1", "t.swf:2: field 4 (run time) is 'abc'")]
    [InlineData("1 10 -1 100 4 -1 -1 8 2.5 1024 1 -1 -1 -1 -1 -1 -1 -1", "t.swf:2: field 9 (requested time) is '2.5'")]
    [InlineData("1 10 -1 100 4 -1 -1 8 200 1024 1 -1 -1 -1 -1", "t.swf:2: field 16 (partition) is missing")]
    [InlineData("1 10 -1 100 4 -1 -1 8 200 1024 1 -1 -1 -1 -1 -1 -1 -1 7", "t.swf:2: more than 18 fields")]
    public void Parse_BadLine_NamesFileLineAndField(string line, string expected)
    {
        var e = Assert.Throws<TraceFormatException>(() => Parse(Line1 + "\n" + line + "\n"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadHeaderValue_NamesTheHeader()
    {
        var e = Assert.Throws<TraceFormatException>(() => Parse("; MaxNodes: many\n"));

        Assert.StartsWith("t.swf:1: header MaxNodes is 'many'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzippedFile_IsReadLikeThePlainOne()
    {
        var dir = Directory.CreateTempSubdirectory("omb-swf-");
        try
        {
            var plain = Path.Combine(dir.FullName, "a.swf");
            var zipped = Path.Combine(dir.FullName, "a.data");   // the magic bytes decide, not the name
            File.WriteAllText(plain, Header + Line1 + "\n");
            using (var gz = new GZipStream(File.Create(zipped), CompressionLevel.Fastest))
            {
                gz.Write(Encoding.UTF8.GetBytes(Header + Line1 + "\n"));
            }

            Assert.Equal(SwfReader.Read(plain).Records, SwfReader.Read(zipped).Records);
            Assert.Equal(SwfReader.Read(plain).Header, SwfReader.Read(zipped).Header);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
