using Chase;
using Chase.Bench;
using Course.Cli;

// Chapter 07: the chase game and PyGaSe's docs example on the Netcode library. Layout:
//   DocsExample.cs       PyGaSe's documented foo/bar backend (server --example docs)
//   ChaseGame.cs         the chase game: state, time step, JOIN/MOVE/LEAVE handlers
//   ChasePlayer.cs       a player with a simple policy (client and bot verbs)
//   Demo.cs              the getting-started conversation: server and client in one process
//   NetworkOptions.cs    --lag, --jitter, --loss, --duplicate: the simulator on any verb
//   Bench/               many clients sending events to one server: rates, latency, CPU, bytes
//     Bench.cs             the table, each client count and mode against the real server
//     BenchGame.cs         the server's game for the bench      BenchClients.cs  the load, in its own process
//   The verbs, one file each: ServerCommand.cs, ClientCommand.cs, BotCommand.cs, DemoCommand.cs,
//   Bench/BenchCommand.cs, Bench/BenchClientsCommand.cs (hidden: the bench starts it)
// The library is in ../Netcode/ (chapter 08 builds on it too):
//   Wire/                bytes on the wire
//     Sqn.cs               16-bit sequence numbers that wrap, compared on a circle
//     PackageHeader.cs     the 12 bytes every package starts with; Packages.cs: the two package kinds
//     AckWindow.cs         which of the peer's packages arrived: the ack and its 32-bit field
//     Msgpack.cs           msgpack for Python-shaped values; MsgpackReader.cs: the reader for untrusted bytes
//     StateMap.cs          a msgpack map as a dictionary, integer keys by value
//     NetEvent.cs          an event and its arguments; LibraryEvents.cs: the library's own, unforgeable
//     PackageDump.cs       a datagram explained byte by byte (dis, the protocol page)
//   State/               the state and its deltas
//     GameState.cs         the shared state: attributes and a version
//     GameStateUpdate.cs   a delta, stamped with the version it brings
//     GameStateStore.cs    the state and the last 100 deltas, for each client's "since your version"
//     UpdateSplitter.cs    a delta too big for one package, cut into several
//   Game/GameStateMachine.cs  the fixed-interval game loop: time step, events, late step
//   Peers/               the two ends
//     Server.cs            the server: receive loop, one send schedule per client, stats
//     ServerConnection.cs  the server's view of one client; Client.cs: the client
//     PeerLink.cs          acks, round-trip time, retries, the view slot: what both ends keep per peer
//     CongestionControl.cs PyGaSe's binary congestion avoidance   SendSchedule.cs  when the next package is due
//     PeerOptions.cs       what a peer may be told: log, simulated network, seed, limits
//     ServerLimits.cs      what one address may take; Admission.cs: the door; TokenBucket.cs: a rate limit
//     OnceLog.cs           the first of each kind of trouble, logged once
//   Transport/           IDatagramTransport.cs, UdpTransport.cs (a UDP socket), SimulatedNetwork.cs (a bad network)
//                        NetworkDial.cs (a bad network whose conditions change while it runs)
//   Backend.cs           the three server parts wired together, as PyGaSe's Backend
//   Timeline.cs          packages both ways across a lost one, recorded for the figure on the chapter's page

return CourseApp.Run("chapters/07-netcode/Chase", "Chapter 07: a UDP game server and client on PyGaSe's model and wire protocol", args,
    ServerCommand.Create(), ClientCommand.Create(), BotCommand.Create(), DemoCommand.Create(), BenchCommand.Create(), BenchClientsCommand.Create(), Chase.Timeline.Create());
