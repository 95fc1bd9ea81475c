using Agar;
using Course.Cli;

// Chapter 08: the agar game. Layout:
//   Agar.Game/            the simulation, pure and deterministic (no network, no window, no drawing)
//     World.cs              fixed-step tick: move, decay, eat, respawn, top up pellets
//     World.Eating.cs       who eats what, through the spatial grid
//     SpatialGrid.cs        "what is near here?" without checking everything
//     AreaOfInterest.cs     what one player can see: the WorldView a view draws and a server sends
//     WorldView.cs          that view: players and pellets near you, the leaderboard
//     BotBrain.cs           bots: seek pellets, flee bigger, chase smaller; inputs only, like a human
//     BotNames.cs           the bots' names
//     IPlayable.cs          what a front-end plays: LocalGame (offline) or NetworkGame (a server's)
//     LocalGame.cs          a world with bots and one local human, in one process
//     Entities.cs           players and pellets; Vec2.cs: points and directions; PlayerInput.cs: a steer
//     Leaderboard.cs        players ranked by mass   WorldEvent.cs  what happened in a tick (eaten, joined, left)
//     WorldSettings.cs      size, rates and seed     SeededRandom.cs  the same numbers on every machine
//   Net/                  the networked game, on the chapter 07 library (Netcode)
//     Wire/ViewMessage.cs     the game's events and their layout on the wire
//     Server/AgarServer.cs    the server: inbox, fixed 30 Hz tick, join/leave/timeout, leaderboard
//     Server/GameRoom.cs      the server's game without sockets: sessions, bots, one tick
//     Server/InputQueue.cs    one input per player per tick, a bounded backlog: no speed or flood cheats
//     Server/ViewFeed.cs      area of interest as deltas against the last acknowledged view
//     Client/NetworkGame.cs   the client: prediction, reconciliation, interpolation, simulated bad network
//     Client/Snapshots.cs     the client's recent views, rebuilt from deltas
//     Client/BotSwarm.cs      many network bots in one process
//     Client/ClientMoment.cs  what a client did and saw this moment (the lab draws it)
//   View/                 presentation, the same for every window
//     IGameView.cs          the seam between a game and a window; Frame.cs: what one frame shows
//     FramePainter.cs       draws a frame on an IDrawSurface.cs; SkiaSurface.cs with SkiaSharp,
//                           DrawList.cs as text for tests
//     PixelFont.cs          the course's own pixel font; TextImages.cs: its texts, drawn once
//     SteeringRule.cs       keys and mouse to a direction, shared by every front-end
//     PngFrame.cs           a frame as a PNG (the headless demo)   RenderBench.cs  bench --frames
//   Sdl/                  the SDL2 window: SdlNative.cs (P/Invoke), SdlLibrary.cs (finding it), SdlWindowView.cs
//   RaylibClient/         an optional front-end of its own (RaylibClient.csproj), not built with the course:
//                         RaylibClient/Program.cs, RaylibWindowView.cs, RaylibSurface.cs, Glx.cs
//   Lab/                  the netcode lab: the real server and clients side by side on a local web page
//     NetcodeLab.cs         the server and its clients in one process, stepped together, with their dials
//     LabClient.cs          one client of the lab and what it reports; ClientSettings.cs: its dials
//     ServerRates.cs        the server's dials (tick rate, a view every N ticks); Preset.cs: the tour's stops
//     LabFrame.cs           what the page draws in a frame; Timeline.cs: one mark on a client's strip
//     LabWeb.cs             the local web server and its web socket; LabControl.cs: the page's commands
//     LabPage.cs            the page and its script (Web/index.html, Web/lab.js), built in
//     LabOptions.cs         how the lab starts; LabCommand.cs: the lab verb
//   GameLoop.cs           fixed 30 Hz ticks, frames as fast as the screen takes them
//   Display.cs            can a window open here? and the window
//   HeadlessClient.cs     the networked client with no window: it plays on, one line a second
//   HeadlessDemo.cs       the offline demo with no display; NetworkDemo.cs the real one
//   ServerStatus.cs       the server's status line every ten seconds; TickLog.cs: server --tick-log
//   Bench.cs              the shipped server under a crowd of network bots, each in a process of its own
//   The verbs, one file each: ServerCommand.cs, ClientCommand.cs, BotCommand.cs, DemoCommand.cs, BenchCommand.cs,
//                         and Lab/LabCommand.cs
//   TraceCommand.cs       prediction, reconciliation, interpolation, recorded for the figure on the chapter's page

return CourseApp.Run("chapters/08-agar", "Chapter 08: the agar game (server, bots, SDL2 + SkiaSharp client)", args,
    ServerCommand.Create(),
    ClientCommand.Create(),
    BotCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
    Agar.Lab.LabCommand.Create(),
    TraceCommand.Create());
