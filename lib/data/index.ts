/**
 * Data sets and batches: where data lives (`DLCOURSE_DATA` or the repo's `datasets/`),
 * checksum-verified downloads, the SST-2 loader (danfo DataFrame), HTML tables for frames,
 * the lecture's head/tail split, seeded mini-batch indices, and CIFAR-10 (official binary
 * archive or its generated stand-in) with image batches and crop/flip augmentation.
 *
 * Imports ../backend, ../core (seeded randomness) and ../display (tables); no other lib folder imports it.
 */
export { dataDir, REPO_DATASETS } from "./paths";
export type { DataDirOptions } from "./paths";
export { sha256File, sha256Bytes } from "./checksum";
export { ensureFile } from "./download";
export type { EnsureFileOptions } from "./download";
export { loadSst2, sst2Path, SST2_FILES } from "./sst2";
export { readLabeledTsv } from "./tsv";
export type { ReadLabeledTsvOptions } from "./tsv";
export type { Sst2Options, Sst2Split } from "./sst2";
export { headTailSplit } from "./split";
export type { LabeledTexts, HeadTailSplitOptions } from "./split";
export { frameBundle, table } from "./table";
export type { TableOptions } from "./table";
export { seededRng } from "../core/random";
export type { Rng } from "../core/random";
export { randomBatch, epochBatches } from "./batches";
export type { EpochBatchesOptions } from "./batches";
export { rowBatcher } from "./row-batcher";
export type { RowBatcher } from "./row-batcher";
export { loadMnist, MNIST_PIXELS } from "./mnist";
export type { MnistOptions, MnistPart } from "./mnist";
export { spiral } from "./spiral";
export type { SpiralOptions, SpiralData } from "./spiral";
export { fileModelIO, registerFileModelIO } from "./model-files";
export type { FileModelIOOptions } from "./model-files";

import { registerFileModelIO } from "./model-files";
registerFileModelIO();
export { augmentImages } from "./augment";
export type { AugmentOptions } from "./augment";
export { loadCifar10, cifar10ArchivePath, parseCifar10Records, CIFAR10_ARCHIVE, CIFAR10_RECORD_BYTES } from "./cifar10";
export type { Cifar10Data, Cifar10Options, ImageSet } from "./cifar10";
export { cifar10StandInArchive, cifar10StandInRecords, CIFAR10_STANDIN_CLASSES } from "./cifar10-standin";
export type { StandInArchiveOptions, StandInRecordsOptions } from "./cifar10-standin";
export { readTarGz, writeTarGz } from "./tar-gz";
export { imageTensors, imageBatches, imageDataset } from "./image-batches";
export type { ImageTensorOptions } from "./image-batches";
export { channelStats, subsetImages } from "./image-set";
export type { ChannelStats } from "./image-set";
export { cropFlipInPlace, randomCropFlip } from "./image-augment";
export type { CropFlipOptions } from "./image-augment";
