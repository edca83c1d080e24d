using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CommandLine;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Tests.Parsing;

/// <summary>
/// Every list the plain reader accepts, CommandLineParser (configured as OptionParser configures it) reads the same;
/// what it does not accept goes to CommandLineParser unchanged.
/// </summary>
public sealed class PlainOptionParserTests
{
    private static readonly string[] QsubOptionTokens =
        ["-N", "-q", "-l", "-o", "-e", "-j", "-t", "-J", "-W", "-h", "-p", "-v", "-V", "-r", "-c", "--run-home", "-d", "-w"];

    private static readonly string[] QstatOptionTokens = ["-f", "-u", "-x", "-t", "-T", "-Q", "-B", "--json"];

    private static readonly string[] Odd = ["-Z", "--name", "-hV", "-Nfoo", "--", "-", "--help", "--version", "--run-home=true", "-lmem=1gb"];

    private static readonly string[] Values =
        ["a", "mem=1gb", "nodes=1:ppn=2,walltime=01:00:00", "x y", "-1", "", "depend=afterok:12:13", "1-3%2", "/tmp/w", "42", "42[]", "42[3].vm", "alice"];

    [Fact]
    public void TryParse_RandomQsubLists_SameAsCommandLineParserWheneverPlain() =>
        CompareOnRandomLists<QsubOptions>(QsubOptionTokens, seed: 15, minimumPlain: 300);

    [Fact]
    public void TryParse_RandomQstatLists_SameAsCommandLineParserWheneverPlain() =>
        CompareOnRandomLists<QstatOptions>(QstatOptionTokens, seed: 16, minimumPlain: 300);

    [Fact]
    public void TryParse_RandomQdelQholdQrlsLists_SameAsCommandLineParserWheneverPlain()
    {
        CompareOnRandomLists<QdelOptions>([], seed: 17, minimumPlain: 100);
        CompareOnRandomLists<QholdOptions>([], seed: 18, minimumPlain: 100);
        CompareOnRandomLists<QrlsOptions>([], seed: 19, minimumPlain: 100);
    }

    [Fact]
    public void TryParse_RandomQselectLists_SameAsCommandLineParserWheneverPlain() =>
        CompareOnRandomLists<QselectOptions>(["-u", "-s", "-N", "-q", "-l", "-x", "--json"], seed: 20, minimumPlain: 200);

    [Fact]
    public void TryParse_RandomQsigQrerunLists_SameAsCommandLineParserWheneverPlain()
    {
        CompareOnRandomLists<QsigOptions>(["-s"], seed: 21, minimumPlain: 200);
        CompareOnRandomLists<QrerunOptions>([], seed: 22, minimumPlain: 100);
    }

    [Fact]
    public void TryParse_TypicalQsub_ReadsEveryOption()
    {
        var o = PlainOptionParsers.Qsub.TryParse(["-N", "one", "-l", "mem=1gb", "-h", "-l", "walltime=1:00:00", "--run-home", "-c", "periodic=5"])!;

        Assert.Equal("one", o.Name);
        Assert.Equal(["mem=1gb", "walltime=1:00:00"], o.ResourceLists);
        Assert.True(o.Hold);
        Assert.True(o.RunHome);
        Assert.Equal("periodic=5", o.Checkpoint);
        Assert.Null(o.Queue);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-N")]
    [InlineData("-N", "-x")]
    [InlineData("-N", "a", "-N", "b")]
    [InlineData("-h", "-h")]
    [InlineData("-Nname")]
    [InlineData("-Z", "x")]
    [InlineData("script.sh")]
    public void TryParse_NotPlain_LeftToCommandLineParser(params string[] args) =>
        Assert.Null(PlainOptionParsers.Qsub.TryParse(args));

    [Fact]
    public void TryParse_VerbWithoutPlainReader_Null() =>
        Assert.Null(PlainOptionParsers.TryParse<PbsnodesOptions>([]));

    private static void CompareOnRandomLists<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(string[] optionTokens, int seed, int minimumPlain)
        where T : class
    {
        var random = new Random(seed);
        var plain = 0;
        for (var n = 0; n < 3000; n++)
        {
            var args = new List<string>();
            var length = random.Next(0, 8);
            for (var i = 0; i < length; i++)
            {
                var pick = random.Next(100);
                args.Add(pick < 55 && optionTokens.Length > 0 ? optionTokens[random.Next(optionTokens.Length)]
                    : pick < 60 ? Odd[random.Next(Odd.Length)]
                    : Values[random.Next(Values.Length)]);
            }

            if (PlainOptionParsers.TryParse<T>(args) is not { } fast)
            {
                continue;
            }

            plain++;
            using var parser = new Parser(settings =>
            {
                settings.HelpWriter = null;
                settings.AllowMultiInstance = true;
                settings.CaseSensitive = true;
            });
            var result = parser.ParseArguments<T>(args);
            var parsed = Assert.IsType<Parsed<T>>(result, exactMatch: false);
            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var expected = property.GetValue(parsed.Value);
                var actual = property.GetValue(fast);
                var where = $"{typeof(T).Name}.{property.Name} for [{string.Join(' ', args.Select(a => "'" + a + "'"))}]";
                if (expected is IEnumerable sequence and not string)
                {
                    Assert.True(sequence.Cast<object>().SequenceEqual(((IEnumerable)actual!).Cast<object>()), where);
                }
                else
                {
                    Assert.True(Equals(expected, actual), $"{where}: CommandLineParser {expected}, plain {actual}");
                }
            }
        }

        Assert.True(plain >= minimumPlain, $"only {plain} of 3000 random lists were plain: the comparison saw too few");
    }
}
