package io.synod.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The contents a crash may leave in one file that has writes since its last force, in the model
 * of ALICE (Pillai et al., OSDI 2014) and CrashMonkey (Mohan et al., OSDI 2018): the kernel writes
 * dirty pages back in any order, a disk writes a 512-byte sector whole or not at all, and nothing
 * written before the last force is lost. The images, without duplicates:
 * <ul>
 *   <li>every prefix of the writes, applied whole (in-order write-back);</li>
 *   <li>every subset of the dirty 4 KiB blocks at their newest content, or {@value #SAMPLES} random
 *       subsets when there are more than {@value #ALL_SUBSETS_UP_TO} blocks;</li>
 *   <li>torn blocks: the blocks before one dirty block new, that block new for its first
 *       {@code m} sectors only, the rest old, for every dirty block and every {@code m};</li>
 *   <li>{@value #SAMPLES} random subsets of the dirty sectors.</li>
 * </ul>
 */
final class CrashImages {

    static final int BLOCK = 4096;
    static final int SECTOR = 512;
    static final int ALL_SUBSETS_UP_TO = 5;
    static final int SAMPLES = 12;

    private CrashImages() {
    }

    /** {@code durable} with the first {@code count} of {@code writes} applied. */
    static byte[] apply(byte[] durable, List<RecordingFileIo.Write> writes, int count) {
        int size = durable.length;
        for (int i = 0; i < count; i++) {
            size = (int) Math.max(size, writes.get(i).position() + writes.get(i).bytes().length);
        }
        byte[] image = Arrays.copyOf(durable, size);
        for (int i = 0; i < count; i++) {
            RecordingFileIo.Write w = writes.get(i);
            System.arraycopy(w.bytes(), 0, image, (int) w.position(), w.bytes().length);
        }
        return image;
    }

    static List<byte[]> of(RecordingFileIo.FileImage file, SplittableRandom random) {
        byte[] old = Arrays.copyOf(file.durable, file.current().length);
        byte[] now = file.current();
        Map<ByteBuffer, byte[]> images = new LinkedHashMap<>();
        for (int i = 0; i <= file.pending.size(); i++) {
            add(images, apply(file.durable, file.pending, i));
        }
        List<Integer> blocks = new ArrayList<>(dirtyUnits(file.pending, BLOCK));
        if (blocks.size() <= ALL_SUBSETS_UP_TO) {
            for (int mask = 0; mask < 1 << blocks.size(); mask++) {
                add(images, mix(old, now, blocks, mask, BLOCK));
            }
        } else {
            for (int i = 0; i < SAMPLES; i++) {
                add(images, mix(old, now, blocks, random, BLOCK));
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            for (int m = 1; m < BLOCK / SECTOR; m++) {
                byte[] image = old.clone();
                for (int before = 0; before < b; before++) {
                    copy(now, image, blocks.get(before) * BLOCK, BLOCK);
                }
                copy(now, image, blocks.get(b) * BLOCK, m * SECTOR);
                add(images, image);
            }
        }
        List<Integer> sectors = new ArrayList<>(dirtyUnits(file.pending, SECTOR));
        for (int i = 0; i < SAMPLES; i++) {
            add(images, mix(old, now, sectors, random, SECTOR));
        }
        return new ArrayList<>(images.values());
    }

    private static Set<Integer> dirtyUnits(List<RecordingFileIo.Write> writes, int unit) {
        Set<Integer> units = new TreeSet<>();
        for (RecordingFileIo.Write w : writes) {
            if (w.bytes().length == 0) {
                continue;
            }
            for (long u = w.position() / unit; u <= (w.position() + w.bytes().length - 1) / unit; u++) {
                units.add((int) u);
            }
        }
        return units;
    }

    private static byte[] mix(byte[] old, byte[] now, List<Integer> units, int mask, int unit) {
        byte[] image = old.clone();
        for (int i = 0; i < units.size(); i++) {
            if ((mask & 1 << i) != 0) {
                copy(now, image, units.get(i) * unit, unit);
            }
        }
        return image;
    }

    private static byte[] mix(byte[] old, byte[] now, List<Integer> units, SplittableRandom random, int unit) {
        byte[] image = old.clone();
        for (int u : units) {
            if (random.nextBoolean()) {
                copy(now, image, u * unit, unit);
            }
        }
        return image;
    }

    private static void copy(byte[] from, byte[] to, int at, int length) {
        int n = Math.min(length, from.length - at);
        if (n > 0) {
            System.arraycopy(from, at, to, at, n);
        }
    }

    private static void add(Map<ByteBuffer, byte[]> images, byte[] image) {
        images.putIfAbsent(ByteBuffer.wrap(image), image);
    }
}
