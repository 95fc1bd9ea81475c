using Course.Cli;
using Serializer;
using Serializer.Bench;
using Serializer.Fuzzing;
using Serializer.Network;

// Chapter 03: a pickle-like serializer that only builds allow-listed types. Layout:
//   Pickle/                 the library, which later chapters reference:
//     Pickle.cs               the four calls: Dumps, Loads, and PickleStream for a stream of messages
//     Opcode.cs               the one-byte instructions (docs/protocol/serializer.md)
//     PickleWriter.cs         objects to opcodes; MemoTable.cs: what was written already (shared objects, cycles)
//     PickleReader.cs         opcodes to objects, trusting nothing; PickleInput.cs: the bytes, with offsets
//     PickleLimits.cs         how much a stream may ask for, checked before anything is allocated
//     PickleFormatException.cs  the only exception bad input can cause, saying where
//     PickleStream.cs         messages one after another over a Stream
//     TypeRegistry.cs         the allow-list: the only record types a stream can build
//     RecordCompiler.cs       per type, the getters and setters you would write by hand
//     RecordField.cs          one field of a record; Collections.cs: typed lists and dictionaries
//     Disassembler.cs         the dis listing, needing no allow-list
//   GameTypes.cs            the example record types and their allow-list
//   Examples.cs             the streams that dis --example prints, including a hostile one
//   Input.cs                where dis gets its bytes: a file, standard input, or hex digits
//   Fuzzing/                random graphs (RandomGraph.cs), ways to damage a stream (Mutations.cs), what
//                           each input must do (FuzzTarget.cs), the run (Fuzz.cs)
//   Bench/                  a game snapshot (GameSnapshot.cs) against MessagePack and System.Text.Json:
//                           Bench.cs, WarmUp.cs, Variant.cs (one timed thing), Machine.cs (what ran it)
//   Network/                a server that loads pickled messages from TCP clients (RoomServer.cs), and
//                           a client (RoomClient.cs)
//   The verbs, one file each: DisCommand.cs, Network/ServerCommand.cs, Network/ClientCommand.cs,
//   Fuzzing/FuzzCommand.cs, Bench/BenchCommand.cs

return CourseApp.Run("chapters/03-serializer", "Chapter 03: a pickle-like serializer that is safe by construction", args,
    DisCommand.Create(), ServerCommand.Create(), ClientCommand.Create(), FuzzCommand.Create(), BenchCommand.Create());
