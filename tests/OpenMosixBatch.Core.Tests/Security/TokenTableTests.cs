using OpenMosixBatch.Core.Security;

namespace OpenMosixBatch.Core.Tests.Security;

public sealed class TokenTableTests
{
    [Fact]
    public void Format_ThenParse_GivesBackTheRecords_AndNeverATokenItself()
    {
        var token = AccessToken.Format(1001, new byte[AccessToken.SecretBytes]);
        var expires = new DateTimeOffset(2027, 3, 3, 11, 0, 0, TimeSpan.Zero);
        var records = new[] { new TokenRecord(1001, 100, AccessToken.Digest(token), expires), new TokenRecord(0, 0, new byte[32], expires) };

        var text = TokenTable.Format(records);
        var parsed = TokenTable.Parse(text, "tokens");

        Assert.DoesNotContain(token[5..], text, StringComparison.Ordinal);
        Assert.Equal([0u, 1001u], parsed.Keys.Order());
        Assert.Equal((100u, expires), (parsed[1001].Gid, parsed[1001].Expires));
        Assert.Equal(AccessToken.Digest(token), parsed[1001].Digest);
    }

    [Theory]
    [InlineData("1001 100 abc 2027-01-01T00:00:00Z")]
    [InlineData("1001 100")]
    [InlineData("x 100 0000000000000000000000000000000000000000000000000000000000000000 2027-01-01T00:00:00Z")]
    [InlineData("1001 100 000000000000000000000000000000000000000000000000000000000000000g 2027-01-01T00:00:00Z")]
    [InlineData("1001 100 0000000000000000000000000000000000000000000000000000000000000000 tomorrow")]
    public void Parse_ABadLine_NamesItsNumberAndTheFix(string line)
    {
        var e = Assert.Throws<InvalidDataException>(() => TokenTable.Parse("# header\n\n" + line + "\n", "/var/omb/tokens"));

        Assert.StartsWith("/var/omb/tokens line 3 ", e.Message, StringComparison.Ordinal);
        Assert.Contains("omb token", e.Message, StringComparison.Ordinal);
    }
}
