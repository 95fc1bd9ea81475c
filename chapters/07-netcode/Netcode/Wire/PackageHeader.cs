using System.Buffers.Binary;

namespace Netcode.Wire;

/// <summary>
/// The 12 bytes every PyGaSe package starts with, big-endian:
/// <c>ff d0 fa b9</c> (protocol id) | sequence u16 | ack u16 | ack bitfield u32.
/// The bitfield's most significant bit says whether <c>ack − 1</c> arrived, the least significant <c>ack − 32</c>.
/// </summary>
public readonly record struct PackageHeader(Sqn Sequence, Sqn Ack, uint AckBits)
{
    public const int Size = 12;
    public static ReadOnlySpan<byte> ProtocolId => [0xff, 0xd0, 0xfa, 0xb9];

    /// <summary>Whether a datagram starts with the protocol id, i.e. claims to be a package at all.</summary>
    public static bool IsPackage(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= ProtocolId.Length && datagram[..ProtocolId.Length].SequenceEqual(ProtocolId);

    public void WriteTo(Span<byte> destination)
    {
        ProtocolId.CopyTo(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Sequence.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], Ack.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], AckBits);
    }

    /// <exception cref="FormatException">Too short, or not starting with the protocol id.</exception>
    public static PackageHeader Read(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < Size || !IsPackage(datagram))
            throw new FormatException("not a PyGaSe package (too short or wrong protocol id).");
        return new PackageHeader(
            new Sqn(BinaryPrimitives.ReadUInt16BigEndian(datagram[4..])),
            new Sqn(BinaryPrimitives.ReadUInt16BigEndian(datagram[6..])),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]));
    }

    /// <summary>Whether this header acknowledges <paramref name="sent"/>: it is the ack, or its bit is set.</summary>
    public bool Acknowledges(Sqn sent)
    {
        if (Ack.IsNone || sent.IsNone) return false;
        int offset = Ack.DistanceFrom(sent);
        if (offset == 0) return true;
        // PyGaSe reads offsets 1..31 only; the bit for ack−32 is on the wire too, so we use it.
        return offset is >= 1 and <= 32 && (AckBits & (1u << (32 - offset))) != 0;
    }
}
