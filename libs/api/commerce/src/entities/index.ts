import { registerPersonalData } from '@kefu/api/platform/database';
import { Customer } from './customer.entity';
import { Order } from './order.entity';
import { OrderItem } from './order-item.entity';
import { Payment } from './payment.entity';
import { Product } from './product.entity';
import { PromotionRecord } from './promotion.entity';
import { Rma } from './rma.entity';
import { Shipment } from './shipment.entity';
import { ShipmentEvent } from './shipment-event.entity';
import { Sku } from './sku.entity';
import { StockLevel } from './stock-level.entity';
import { Warehouse } from './warehouse.entity';

export {
  Customer,
  Order,
  OrderItem,
  Payment,
  Product,
  PromotionRecord,
  Rma,
  Shipment,
  ShipmentEvent,
  Sku,
  StockLevel,
  Warehouse,
};
export const COMMERCE_ENTITIES = [
  Customer,
  Order,
  OrderItem,
  Payment,
  Product,
  PromotionRecord,
  Rma,
  Shipment,
  ShipmentEvent,
  Sku,
  StockLevel,
  Warehouse,
];

const viaCustomer = { table: 'commerce_customers', column: 'contact_id' };
registerPersonalData(
  {
    table: 'commerce_customers',
    columns: ['external_id', 'name', 'phone', 'email'],
    subject: { kind: 'contact', column: 'contact_id' },
    description: "the shop's customer record: name, phone, e-mail, tier and lifetime value",
  },
  {
    table: 'commerce_orders',
    columns: ['shipping_address'],
    subject: { kind: 'contact', column: 'customer_id', via: viaCustomer },
    description: 'shipping address (recipient, phone, street) of each order',
  },
);
