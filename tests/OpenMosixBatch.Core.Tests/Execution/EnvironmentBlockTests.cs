using System.Text;
using CsCheck;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>The job's environment as the node hands it over on a pipe: every possible variable arrives whole, nothing else.</summary>
public sealed class EnvironmentBlockTests
{
    [Fact]
    public void Encode_IsSortedNameEqualsValueEntries_EachEndedByNul()
    {
        var block = EnvironmentBlock.Encode(new Dictionary<string, string> { ["B"] = "2", ["A"] = "x=y\nz" });

        Assert.Equal("A=x=y\nz\0B=2\0", Encoding.UTF8.GetString(block));
    }

    [Fact]
    public void Encode_EntriesThatCannotBeVariables_AreLeftOut()
    {
        var env = new Dictionary<string, string> { [""] = "1", ["A=B"] = "2", ["N\0UL"] = "3", ["V"] = "with\0nul", ["OK"] = "" };

        Assert.Equal("OK=\0", Encoding.UTF8.GetString(EnvironmentBlock.Encode(env)));
    }

    [Fact]
    public void Decode_DropsEmptyAndNamelessEntries_AndKeepsAnUnendedLastOne()
    {
        var entries = EnvironmentBlock.Decode("A=1\0\0=2\0noequals\0B=\0C=3"u8);

        Assert.Equal(["A=1", "B=", "C=3"], entries.Select(e => Encoding.UTF8.GetString(e)));
    }

    [Fact]
    public void EncodeThenDecode_AnyPossibleEnvironment_ArrivesWholeAndInNameOrder()
    {
        var name = Gen.String[Gen.Char.Where(c => c is not ('=' or '\0') && !char.IsSurrogate(c)), 1, 12];
        var value = Gen.String[Gen.Char.Where(c => c != '\0' && !char.IsSurrogate(c)), 0, 40];
        Gen.Dictionary(name, value)[0, 20].Sample(env =>
        {
            var decoded = EnvironmentBlock.Decode(EnvironmentBlock.Encode(env)).Select(e => Encoding.UTF8.GetString(e)).ToList();

            Assert.Equal(env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value), decoded);
        });
    }
}
