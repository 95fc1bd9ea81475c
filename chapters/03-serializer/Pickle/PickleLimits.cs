namespace Pickling;

/// <summary>
/// How much a stream may ask the reader to do. Every length and count is checked against these BEFORE
/// anything is allocated, so a 10-byte stream cannot make us reserve gigabytes. The writer checks them
/// too, so it never produces a stream its own reader would refuse.
/// </summary>
public sealed record PickleLimits
{
    /// <summary>The defaults: generous for game state, far too small to hurt a server.</summary>
    public static PickleLimits Default { get; } = new();

    /// <summary>Whole stream, in bytes, from PROTO to STOP.</summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Containers inside containers. Each level is a frame on the reader's call stack.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Items of one list, or pairs of one dictionary.</summary>
    public int MaxCollectionLength { get; init; } = 1_000_000;

    /// <summary>Bytes of one string or byte array.</summary>
    public int MaxStringLength { get; init; } = 1024 * 1024;

    /// <summary>Record types one stream may declare.</summary>
    public int MaxTypes { get; init; } = 1024;
}
