package io.vprop.memory.shortterm;

class InProcessShortTermMemoryTest extends ShortTermMemoryContract {
    @Override
    protected ShortTermMemory create(int capacity) {
        return RingShortTermMemory.inProcess(capacity);
    }
}
