import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller.js';
import { DirectoryController } from './directory.controller.js';

/** Public reads of the reference data each service owns (needs RpcClient from the root module). */
@Module({ controllers: [CatalogueController, DirectoryController] })
export class CatalogueModule {}
