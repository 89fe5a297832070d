import CMallocCounter
import Placement

print("allocations so far: \(flotilla_malloc_count())")
