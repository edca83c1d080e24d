using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class CrontabFileTests
{
    private static CrontabEntry Single(string text)
    {
        var document = CrontabFile.Parse(text);
        Assert.True(document.Ok, string.Join("; ", document.Errors));
        return Assert.Single(document.Entries);
    }

    private static CrontabError SingleError(string text)
    {
        var document = CrontabFile.Parse(text);
        return Assert.Single(document.Errors);
    }

    [Fact]
    public void Parse_CrontabLine_ReadsNameScheduleAndJob()
    {
        var entry = Single("nightly 0 2 * * * -- -l mem=2gb jobs/nightly.sh --full");
        Assert.Equal(1, entry.LineNumber);
        Assert.Equal("nightly", entry.Name);
        Assert.Equal("0 2 * * *", entry.Expression);
        Assert.Null(entry.TimeZoneId);
        Assert.Equal(OverlapPolicy.Skip, entry.Overlap);
        Assert.Equal(MisfirePolicy.Once, entry.Misfire);
        Assert.False(entry.Paused);
        Assert.Equal(["-l", "mem=2gb", "jobs/nightly.sh", "--full"], entry.SubmitArguments);
    }

    [Theory]
    [InlineData("x @daily -- a.sh", "@daily")]
    [InlineData("x @REBOOT -- a.sh", "@reboot")]
    [InlineData("x H H(0-3) * * * -- a.sh", "H H(0-3) * * *")]
    [InlineData("x */5 * * * * ? -- a.sh", "*/5 * * * * ?")]
    [InlineData("x 0 0 2 ? * 6#3 2030 -- a.sh", "0 0 2 ? * 6#3 2030")]
    [InlineData("  x\t0  2 * * *\t--   a.sh  ", "0 2 * * *")]
    public void Parse_EveryScheduleForm_KeepsTheNormalizedSchedule(string line, string expression) =>
        Assert.Equal(expression, Single(line).Expression);

    [Fact]
    public void Parse_SecondDoubleDash_BelongsToTheJob() =>
        Assert.Equal(["-l", "walltime=1:00:00", "--", "/bin/echo", "hi"], Single("x @hourly -- -l walltime=1:00:00 -- /bin/echo hi").SubmitArguments);

    [Fact]
    public void Parse_QuotedArguments_AreUnquoted() =>
        Assert.Equal(["-N", "my run", "a.sh", "it's"], Single("x @daily -- -N 'my run' a.sh \"it's\"").SubmitArguments);

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_AreSkipped()
    {
        var document = CrontabFile.Parse("# header\r\n\r\n   # indented comment\r\n\t\r\nx @daily -- a.sh\r\n");
        Assert.True(document.Ok);
        Assert.Equal(5, Assert.Single(document.Entries).LineNumber);
        Assert.Equal(["a.sh"], document.Entries[0].SubmitArguments);
    }

    [Fact]
    public void Parse_Settings_ApplyToTheLinesBelowUntilChanged()
    {
        var document = CrontabFile.Parse("""
            a @daily -- a.sh
            TIMEZONE=Europe/Berlin
            OVERLAP=queue
            b @daily -- b.sh
            misfire = skip
            CRON_TZ=America/New_York
            c @daily -- c.sh
            TIMEZONE=
            OVERLAP=
            MISFIRE=
            d @daily -- d.sh
            """);
        Assert.True(document.Ok, string.Join("; ", document.Errors));
        Assert.Equal(
            [
                (null, OverlapPolicy.Skip, MisfirePolicy.Once),
                ("Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Once),
                ("America/New_York", OverlapPolicy.Queue, MisfirePolicy.Skip),
                ((string?)null, OverlapPolicy.Skip, MisfirePolicy.Once),
            ],
            document.Entries.Select(e => (e.TimeZoneId, e.Overlap, e.Misfire)));
    }

    [Fact]
    public void Parse_PausedLine_IsAPausedEntry()
    {
        var entry = Single("#PAUSED: weekly @weekly -- w.sh");
        Assert.True(entry.Paused);
        Assert.Equal("weekly", entry.Name);
    }

    [Theory]
    [InlineData("x 0 2 * * * a.sh", "missing '--' after the schedule of 'x'")]
    [InlineData("x -- a.sh", "missing schedule between the name 'x' and '--'")]
    [InlineData("x @daily --", "missing script after '--' for 'x'")]
    [InlineData("x @daily --   ", "missing script after '--' for 'x'")]
    [InlineData("x 0 2 * * -- a.sh", "schedule '0 2 * *' has 4 fields")]
    [InlineData("x 0 0 2 * * ? 2030 1 -- a.sh", "has 8 fields")]
    [InlineData("x @often -- a.sh", "unknown schedule macro '@often'")]
    [InlineData("x @daily 0 -- a.sh", "text after the macro @daily")]
    [InlineData("-x @daily -- a.sh", "must start with a letter or digit")]
    [InlineData("my/job @daily -- a.sh", "contains '/'")]
    [InlineData("x @daily -- 'a.sh", "unterminated single quote")]
    [InlineData("x 0 2 '*' * * '--' a.sh", "missing '--'")]
    [InlineData("FOO=bar", "unknown setting 'FOO'")]
    [InlineData("OVERLAP=never", "unknown overlap policy 'never'")]
    [InlineData("MISFIRE=twice", "unknown misfire policy 'twice'")]
    [InlineData("TIMEZONE=Europe/Berlin x", "invalid timezone 'Europe/Berlin x'")]
    [InlineData("TIMEZONE=../etc", "invalid timezone '../etc'")]
    [InlineData("#PAUSED:", "nothing after '#PAUSED:'")]
    [InlineData("x = @daily -- a.sh", "unknown setting 'x'")]
    public void Parse_BadLine_GivesOneErrorWithItsLineNumber(string line, string expected)
    {
        var error = SingleError("# first line is a comment\n" + line + "\n");
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("line 2: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateName_NamesTheFirstLine()
    {
        var document = CrontabFile.Parse("a @daily -- a.sh\nb @daily -- b.sh\na @hourly -- c.sh\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal("line 3: schedule name 'a' is already used on line 1: give each schedule its own name", error.ToString());
        Assert.Equal(["a", "b"], document.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Parse_SeveralBadLines_GivesOneErrorPerBadLineAndKeepsTheGoodOnes()
    {
        var document = CrontabFile.Parse("a @daily -- a.sh\nb 0 2 * * b.sh\nFOO=1\nc @hourly -- c.sh\nd @daily --\n");
        Assert.Equal([2, 3, 5], document.Errors.Select(e => e.LineNumber));
        Assert.Equal(["a", "c"], document.Entries.Select(e => e.Name));
        Assert.False(document.Ok);
    }

    [Fact]
    public void Format_Entries_WritesSettingLinesOnlyWhereTheyChange()
    {
        CrontabEntry[] entries =
        [
            new(0, "a", "@daily", null, OverlapPolicy.Skip, MisfirePolicy.Once, false, ["a.sh"]),
            new(0, "b", "0 2 * * *", "Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Once, false, ["-N", "my run", "b.sh"]),
            new(0, "c", "H H(0-3) * * *", "Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Skip, true, ["c.sh"]),
            new(0, "d", "@hourly", null, OverlapPolicy.Queue, MisfirePolicy.Skip, false, ["d.sh"]),
        ];
        Assert.Equal(
            """
            a @daily -- a.sh
            TIMEZONE=Europe/Berlin
            OVERLAP=queue
            b 0 2 * * * -- -N 'my run' b.sh
            MISFIRE=skip
            #PAUSED: c H H(0-3) * * * -- c.sh
            TIMEZONE=
            d @hourly -- d.sh

            """.ReplaceLineEndings("\n"),
            CrontabFile.Format(entries));
    }

    [Theory]
    [InlineData("bad name", "@daily", null, "a.sh", "contains 'U+0020'")]
    [InlineData("x", "0 2 * *", null, "a.sh", "has 4 fields")]
    [InlineData("x", "0  2 * * *", null, "a.sh", "not written in its normal form '0 2 * * *'")]
    [InlineData("x", "@daily", "Mars Base", "a.sh", "invalid timezone")]
    [InlineData("x", "@daily", null, "a\nb", "line break")]
    public void CheckEntry_UnwritableEntry_SaysWhy(string name, string expression, string? zone, string argument, string expected)
    {
        var entry = new CrontabEntry(0, name, expression, zone, OverlapPolicy.Skip, MisfirePolicy.Once, false, [argument]);
        Assert.Contains(expected, CrontabFile.CheckEntry(entry), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CrontabFile.Format([entry]));
    }

    [Fact]
    public void CheckEntry_NoArguments_AsksForTheScript() =>
        Assert.Contains(
            "missing script",
            CrontabFile.CheckEntry(new CrontabEntry(0, "x", "@daily", null, OverlapPolicy.Skip, MisfirePolicy.Once, false, [])),
            StringComparison.Ordinal);

    [Fact]
    public void From_StoredSchedule_ExportsAndReadsBackItsDefinition()
    {
        var schedule = new Schedule
        {
            Name = "nightly",
            Owner = new JobOwner(1000, 1000, "ann"),
            Expression = "H H(0-3) * * *",
            TimeZoneId = "Europe/Berlin",
            Overlap = OverlapPolicy.Queue,
            Misfire = MisfirePolicy.Skip,
            Paused = true,
            Job = new JobSpec { Name = "nightly", WorkingDirectory = "/home/ann", SubmitDirectory = "/home/ann" },
            SubmitArguments = ["-l", "mem=2gb", "jobs/nightly.sh"],
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var read = Single(CrontabFile.Format([CrontabEntry.From(schedule)]));
        Assert.Equal(
            ("nightly", "H H(0-3) * * *", "Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Skip, true),
            (read.Name, read.Expression, read.TimeZoneId, read.Overlap, read.Misfire, read.Paused));
        Assert.Equal(schedule.SubmitArguments, read.SubmitArguments);
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() => Gen.String.Sample(s => CrontabFile.Parse(s));

    [Fact]
    public void Parse_ArbitraryLinesOfLikelyTokens_NeverThrowsAndErrorsCarryTheirLine()
    {
        var token = Gen.OneOfConst("x", "--", "@daily", "*", "0", "#", "#PAUSED:", "=", "TIMEZONE=", "'", "\"", "\\", "H(0-3)", " ", "\t");
        var line = token.Array[0, 8].Select(t => string.Concat(t));
        line.Array[0, 6].Sample(lines =>
        {
            var document = CrontabFile.Parse(string.Join('\n', lines));
            Assert.All(document.Errors, e => Assert.InRange(e.LineNumber, 1, lines.Length));
            Assert.Equal(document.Errors.Count, document.Errors.Select(e => e.LineNumber).Distinct().Count());
        });
    }

    [Fact]
    public void Format_ArbitraryValidEntries_ParseBackToTheSameEntries()
    {
        var name = Gen.String[Gen.Char["abz09-_."], 0, 10].Select(s => "n" + s);
        var expression = Gen.OneOfConst("@daily", "@reboot", "0 2 * * *", "H H(0-3) * * *", "*/5 * * * * ?", "0 0 2 ? * 6#3 2030");
        var zone = Gen.OneOfConst<string?>(null, "UTC", "Europe/Berlin", "Etc/GMT+5");
        var argument = Gen.String[Gen.Char["a '\"\\\t$#-=/"], 0, 6];
        var entry = Gen.Select(name, expression, zone, Gen.Enum<OverlapPolicy>(), Gen.Enum<MisfirePolicy>(), Gen.Bool, argument.Array[1, 5])
            .Select(t => new CrontabEntry(0, t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7));
        entry.Array[0, 6].Select(a => a.DistinctBy(e => e.Name).ToArray()).Sample(entries =>
        {
            var document = CrontabFile.Parse(CrontabFile.Format(entries));
            Assert.True(document.Ok, string.Join("; ", document.Errors));
            Assert.Equal(entries.Length, document.Entries.Count);
            for (var i = 0; i < entries.Length; i++)
            {
                var read = document.Entries[i];
                Assert.Equal(entries[i] with { LineNumber = read.LineNumber, SubmitArguments = read.SubmitArguments }, read);
                Assert.Equal(entries[i].SubmitArguments, read.SubmitArguments);
            }
        });
    }
}
