using OpenMosixBatch.Transport.Mpi.Runtime;

namespace OpenMosixBatch.Transport.Mpi.Tests.Runtime;

public sealed class MpichLibraryResolverTests
{
    [Theory]
    [InlineData("msmpi.dll")]
    [InlineData("MSMPI.DLL")]
    [InlineData("msmpi")]
    [InlineData("libmsmpi.so")]
    [InlineData("/some/dir/msmpi.dll")]
    public void CandidatesFor_MsMpiName_ReturnsMpichLibraries(string name)
    {
        Assert.Equal(["libmpich.so.12", "libmpi.so.12"], MpichLibraryResolver.CandidatesFor(name, overrideLibrary: null));
    }

    [Theory]
    [InlineData("libc")]
    [InlineData("kernel32.dll")]
    [InlineData("msmpi2.dll")]
    [InlineData("")]
    public void CandidatesFor_OtherName_ReturnsNothingSoDefaultProbingApplies(string name)
    {
        Assert.Empty(MpichLibraryResolver.CandidatesFor(name, overrideLibrary: "/opt/intel/libmpi.so.12"));
    }

    [Fact]
    public void CandidatesFor_OverrideSet_ReturnsOnlyTheOverride()
    {
        Assert.Equal(["/opt/intel/libmpi.so.12"], MpichLibraryResolver.CandidatesFor("msmpi.dll", " /opt/intel/libmpi.so.12 "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CandidatesFor_BlankOverride_ReturnsDefaults(string overrideLibrary)
    {
        Assert.Equal(MpichLibraryResolver.DefaultLibraries, MpichLibraryResolver.CandidatesFor("msmpi.dll", overrideLibrary));
    }
}
