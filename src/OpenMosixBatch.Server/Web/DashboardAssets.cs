using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// The dashboard's pages, scripts, styles and the vendored chart library (uPlot), embedded in the server's binary
/// (src/OpenMosixBatch.Server/Web/assets): nothing is fetched from anywhere else, so the dashboard works without internet.
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "web/";

    private readonly FrozenDictionary<string, Asset> _assets;

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _assets = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..], n => Load(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>The names served under /assets/ (index.html is served for each page's path).</summary>
    public IEnumerable<string> Names => _assets.Keys;

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    private static Asset Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return new Asset(bytes, ContentType(resource), "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"");
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>One embedded file: its bytes, content type and an ETag from its hash.</summary>
    public sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
