import OrreryClient
import OrreryPosix
import Testing
@testable import OrrerySpectator

@Suite struct ViewportTests {
    let size = Fixture.mapSize

    @Test func fitViewShowsTheWholeWorldWithTwoToOneCells() {
        let viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        #expect(viewport.scale(for: size) == 400)
        #expect(viewport.center == RenderPosition(x: 4000, y: 2000))
        #expect(viewport.cell(for: RenderPosition(x: 0, y: 0), size: size) == CellPosition(column: 0, row: 7))
        #expect(viewport.cell(for: RenderPosition(x: 7999, y: 3999), size: size) == CellPosition(column: 19, row: 2))
        // The square [4000, 4800) × [2000, 2800) is two columns of one row: round on screen.
        #expect(viewport.cell(for: RenderPosition(x: 4000, y: 2000), size: size) == CellPosition(column: 10, row: 4))
        #expect(viewport.cell(for: RenderPosition(x: 4799, y: 2799), size: size) == CellPosition(column: 11, row: 4))
        #expect(viewport.cell(for: RenderPosition(x: 4800, y: 2800), size: size) == CellPosition(column: 12, row: 3))
        #expect(viewport.cell(for: RenderPosition(x: 3999, y: 1999), size: size) == CellPosition(column: 9, row: 5))
    }

    @Test func tallWorldFitsByHeight() {
        let viewport = Viewport(worldWidth: 1000, worldHeight: 10_000)
        // 10 rows × 2 × scale = 10 000 → scale 500; the 1000-wide world spans 2 of the 20 columns.
        #expect(viewport.scale(for: size) == 500)
        #expect(viewport.cell(for: RenderPosition(x: 0, y: 0), size: size) == CellPosition(column: 9, row: 9))
        #expect(viewport.cell(for: RenderPosition(x: 999, y: 9999), size: size) == CellPosition(column: 10, row: 0))
    }

    @Test func positionsOffTheMapHaveNoCell() {
        let viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        #expect(viewport.cell(for: RenderPosition(x: -1, y: 2000), size: size) == nil)
        #expect(viewport.cell(for: RenderPosition(x: 8000, y: 2000), size: size) == nil)
        #expect(viewport.cell(for: RenderPosition(x: 4000, y: 6000), size: size) == nil)
        #expect(viewport.cell(for: RenderPosition(x: 4000, y: -2001), size: size) == nil)
        #expect(viewport.cell(for: RenderPosition(x: 4000, y: -2000), size: size) == CellPosition(column: 10, row: 9))
        #expect(viewport.cell(for: RenderPosition(x: 4000, y: 5999), size: size) == CellPosition(column: 10, row: 0))
    }

    @Test func zoomStepsByTwoAndIsClamped() {
        var viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        viewport.zoom(in: false)
        #expect(viewport.zoom == 1)
        viewport.zoom(in: true)
        #expect(viewport.zoom == 2)
        #expect(viewport.scale(for: size) == 200)
        #expect(viewport.center == RenderPosition(x: 4000, y: 2000))
        for _ in 0..<20 { viewport.zoom(in: true) }
        #expect(viewport.zoom == 1024)
        viewport.zoom(in: false)
        #expect(viewport.zoom == 512)
    }

    @Test func panMovesAQuarterOfTheViewAndStaysInTheWorld() {
        var viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        viewport.pan(.right, size: size)
        #expect(viewport.center == RenderPosition(x: 6000, y: 2000))
        viewport.pan(.up, size: size)
        #expect(viewport.center == RenderPosition(x: 6000, y: 4000))
        viewport.pan(.right, size: size)
        viewport.pan(.right, size: size)
        #expect(viewport.center == RenderPosition(x: 8000, y: 4000))
        viewport.zoom(in: true)
        viewport.pan(.left, size: size)
        #expect(viewport.center == RenderPosition(x: 7000, y: 4000))
        viewport.pan(.down, size: size)
        #expect(viewport.center == RenderPosition(x: 7000, y: 3000))
    }

    @Test func followCyclesByAscendingIdAndPanningStopsIt() {
        var viewport = Viewport(worldWidth: 8000, worldHeight: 4000)
        viewport.followNext(among: [30, 7, 12])
        #expect(viewport.following == 7)
        viewport.followNext(among: [30, 7, 12])
        #expect(viewport.following == 12)
        viewport.followNext(among: [30, 7, 12])
        #expect(viewport.following == 30)
        viewport.followNext(among: [30, 7, 12])
        #expect(viewport.following == 7)
        viewport.followNext(among: [3, 9])
        #expect(viewport.following == 9)
        viewport.pan(.left, size: size)
        #expect(viewport.following == nil)
        viewport.followNext(among: [])
        #expect(viewport.following == nil)
    }
}
