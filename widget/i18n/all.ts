// Registers every shipped language beside English. Each catalogue adds itself here.
export {};
