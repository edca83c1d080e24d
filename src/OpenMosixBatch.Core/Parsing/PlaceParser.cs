using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>PBS Pro's <c>-l place=[arrangement][:sharing]</c>: <c>free|pack|scatter|vscatter</c> and <c>excl|exclhost|shared</c>, in any order.</summary>
internal static class PlaceParser
{
    public static ParseResult<ResourceRequest> Apply(ResourceRequest r, string value, string item)
    {
        var (arrangement, sharing) = (PlacementArrangement.Free, PlacementSharing.Default);
        foreach (var word in value.Split(':'))
        {
            switch (word.ToLowerInvariant())
            {
                case "free":
                    arrangement = PlacementArrangement.Free;
                    break;
                case "pack":
                    arrangement = PlacementArrangement.Pack;
                    break;
                case "scatter":
                    arrangement = PlacementArrangement.Scatter;
                    break;
                case "vscatter":
                    arrangement = PlacementArrangement.VScatter;
                    break;
                case "excl":
                case "exclhost":
                    sharing = PlacementSharing.Exclusive;
                    break;
                case "shared":
                    sharing = PlacementSharing.Shared;
                    break;
                default:
                    return ResourceListParser.Fail($"invalid -l {InputText.Quote(item)}: '{InputText.Quote(word)}' is not a placement; use free, pack, scatter or vscatter, optionally with :excl or :shared, e.g. place=scatter:excl");
            }
        }

        return ParseResult<ResourceRequest>.Success(r with { Arrangement = arrangement, Sharing = sharing });
    }
}
