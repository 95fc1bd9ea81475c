namespace Serializer.Fuzzing;

/// <summary>
/// Ways to spoil a valid stream, the kinds of damage a network or an attacker produces: cut it short,
/// overwrite a few bytes, insert or delete a byte, or throw it away for random bytes behind a valid header.
/// </summary>
public static class Mutations
{
    public static byte[] Apply(byte[] valid, Random random)
    {
        switch (random.Next(5))
        {
            case 0: // truncated
                return valid[..random.Next(valid.Length)];
            case 1: // random noise after a valid header, so the reader gets past PROTO
                var noise = new byte[2 + random.Next(40)];
                random.NextBytes(noise);
                noise[0] = 0x80;
                noise[1] = 0x01;
                return noise;
            default: // one to four bytes overwritten, inserted or deleted
                var bytes = new List<byte>(valid);
                for (int n = random.Next(1, 5); n > 0 && bytes.Count > 0; n--)
                {
                    int at = random.Next(bytes.Count);
                    byte value = random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
                    switch (random.Next(3))
                    {
                        case 0: bytes[at] = value; break;
                        case 1: bytes.Insert(at, value); break;
                        default: bytes.RemoveAt(at); break;
                    }
                }
                return [.. bytes];
        }
    }

    /// <summary>Opcodes and varint bytes that reach deeper into the reader than uniform noise does.</summary>
    private static readonly byte[] Interesting = [.. "NTFIDSBLMYRG."u8, 0x80, 0x00, 0x01, 0x7f, 0xff];
}
